"""Client/server mode: the same library against a real `chroma run` server
on loopback, started by the ``chroma_server`` fixture."""

from __future__ import annotations

from assistant import Library, Settings


def test_ingest_and_search_through_a_chroma_server(chroma_server, embeddings, corpus_copy, tmp_path, corpus_library):
    settings = Settings(data_dir=tmp_path / "unused", chroma_server=chroma_server, collection="server_mode")
    library = Library(settings, embeddings=embeddings)

    first = library.ingest([corpus_copy], progress=False)
    second = library.ingest([corpus_copy], progress=False)

    assert {o.status for o in first.outcomes} == {"added"}
    assert {o.status for o in second.outcomes} == {"unchanged"}
    assert not (tmp_path / "unused" / "chroma").exists()  # nothing was written locally
    served = {(d.source, d.chunks) for d in library.documents()}
    embedded = {(d.source, d.chunks) for d in corpus_library.documents()}
    assert served == embedded

    question = "Which paragraph covers the NHS Diabetes Prevention Programme?"
    top = library.search(question, k=3)
    assert [p.text for p in top] == [p.text for p in corpus_library.search(question, k=3)]
    assert top[0].paragraph == "2.15" and top[0].page == 37
    assert library.store.words.load().keys() == corpus_library.store.words.load().keys()  # word vectors too


def test_a_second_client_sees_what_the_first_wrote(chroma_server, embeddings, tmp_path):
    note = tmp_path / "note.txt"
    note.write_text("Shared note\n\nThe server mode lets several processes share one store.\n")
    writer = Library(Settings(chroma_server=chroma_server, collection="shared"), embeddings=embeddings)
    writer.ingest([note], progress=False)
    reader = Library(Settings(chroma_server=chroma_server, collection="shared"), embeddings=embeddings)
    assert [d.source for d in reader.documents()] == ["note.txt"]


def test_an_embedded_store_opened_after_a_server_client_stays_on_its_own_disk(chroma_server, tmp_path):
    """chromadb writes a client's address into the settings object it is
    given; a shared one once sent every later embedded store to the server."""
    from vectorstore import chroma_client

    chroma_client(server=chroma_server)
    embedded = chroma_client(directory=str(tmp_path / "own"))
    embedded.get_or_create_collection("probe-after-server").add(ids=["x"], embeddings=[[0.0]])
    served = [c.name for c in chroma_client(server=chroma_server).list_collections()]
    assert "probe-after-server" not in served
    assert (tmp_path / "own" / "chroma.sqlite3").stat().st_size > 0
