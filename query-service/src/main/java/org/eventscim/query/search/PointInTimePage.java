package org.eventscim.query.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import java.io.IOException;
import java.util.List;

/** One page of a cursor walk (RFC 9865), read from its Elasticsearch point in time. */
public final class PointInTimePage {

    private PointInTimePage() {
    }

    /**
     * {@code size} results after {@code after} (from the start when it is empty) in {@code sort} order.
     *
     * @throws org.eventscim.protocol.error.ScimException the RFC's {@code expiredCursor} when the point in
     *                                                    time is gone (expired, or closed)
     */
    public static <T> SearchResponse<T> search(ElasticsearchClient client, String pit, String keepAlive, Query query,
                                               List<SortOptions> sort, List<FieldValue> after, int size,
                                               boolean countTotal, Class<T> type) throws IOException {
        try {
            return client.search(search -> {
                search.pit(point -> point.id(pit).keepAlive(time -> time.time(keepAlive)))
                        .query(query).sort(sort).size(size)
                        .trackTotalHits(total -> total.enabled(countTotal));
                return after.isEmpty() ? search : search.searchAfter(after);
            }, type);
        } catch (ElasticsearchException gone) {
            if (gone.status() == 404) {
                throw CursorCodec.expired();
            }
            throw gone;
        }
    }

    /** The point in time to read next: Elasticsearch may answer with a new id for the same one. */
    public static String next(SearchResponse<?> response, String pit) {
        return response.pitId() != null ? response.pitId() : pit;
    }
}
