"""The briefing builder over HTTP: build a pack, re-check an edited answer,
export a reviewed pack as a handout."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import Response
from pydantic import BaseModel, Field, field_validator

from .api import Services, errors, services
from .briefing import BriefingCard, BriefingPack, ScopeError, build_briefing, recheck
from .briefing.export import MEDIA_TYPES, Format, export, file_name
from .library import MAX_QUERY_CHARS

router = APIRouter(prefix="/api/briefing", responses=errors(400))


class BriefingRequest(BaseModel):
    scope: str = Field(min_length=1, max_length=500, examples=["commitment 3", "chapter 2, chapter 3"])
    cards: int = Field(default=10, ge=1, le=50)
    avoid: list[Annotated[str, Field(max_length=MAX_QUERY_CHARS)]] = Field(
        default=[],
        max_length=500,
        description="Questions already in the pack: for generating more, or (with cards=1) regenerating one card.",
    )
    quiz: bool = Field(default=False, description="Multiple-choice and true/false cards with wrong options from the corpus.")


class RecheckRequest(BaseModel):
    card: BriefingCard
    answer: str = Field(min_length=1, max_length=5000)


class ExportRequest(BaseModel):
    cards: list[BriefingCard] = Field(min_length=1, max_length=500, description="Each with at least one citation.")
    format: Format = "md"
    title: str = Field(default="Briefing", max_length=200)

    @field_validator("cards")
    @classmethod
    def _cited(cls, cards: list[BriefingCard]) -> list[BriefingCard]:
        """A card is a grounded answer: one without a source is no card to hand out."""
        if any(not card.citations for card in cards):
            raise ValueError("every card needs at least one citation")
        return cards


@router.post("", response_model=BriefingPack, summary="Build a pack of grounded, cited cards for a scope")
def build(request: BriefingRequest, svc: Services = Depends(services)) -> BriefingPack:
    try:
        return build_briefing(svc.assistant, request.scope, request.cards, request.avoid, quiz=request.quiz)
    except ScopeError as error:
        raise HTTPException(400, str(error)) from None


@router.post("/recheck", response_model=BriefingCard, summary="Check an edited answer against the card's citations")
def recheck_card(request: RecheckRequest) -> BriefingCard:
    return recheck(request.card, request.answer)


@router.post(
    "/export",
    summary="A reviewed pack as a handout or quiz (md, docx, csv, jsonl, json, moodle, gift or apkg)",
    response_class=Response,
    responses={200: {"description": "The handout, as a file", "content": {media: {} for media in set(MEDIA_TYPES.values())}}},
)
def export_pack(request: ExportRequest) -> Response:
    body = export(request.cards, request.format, request.title)
    name = file_name(request.format)
    return Response(
        body, media_type=MEDIA_TYPES[request.format], headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )
