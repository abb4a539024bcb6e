"""`meedoen reindex` rebuilds the index from the database and swaps it in atomically."""


async def test_rebuild_makes_the_index_equal_to_the_database(corpus, indexer, runtime):
    from meedoen.opportunities.tables import Opportunity

    index = runtime.search.writer.index(indexer.index_uid)
    await indexer.delete(["opp-0001", "opp-0002"])  # the index drifted from the database

    swapper = runtime.search.maintenance_client()
    try:
        count = await indexer.rebuild(swapper)
    finally:
        await swapper.aclose()

    assert count == await Opportunity.count()
    assert (await index.get_documents(limit=1)).total == count
    indexes = await runtime.search.writer.get_indexes()
    assert not [i for i in indexes or [] if "_rebuild_" in i.uid], "the staging index is gone"
