package org.eventscim.query.index;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the read models live ({@code scim.elasticsearch.*} in application.yml).
 *
 * @param url         the Elasticsearch base URL
 * @param users       the users read model
 * @param groups      the groups read model
 * @param memberships the memberships read model (one document per member of a group)
 * @param audit       the audit read model (one document per event)
 * @param deadLetters the events the projection could not apply (one document per event or unreadable record)
 */
@ConfigurationProperties("scim.elasticsearch")
public record ReadModelProperties(URI url, Index users, Index groups, Index memberships, Index audit,
                                  Index deadLetters) {

    /**
     * @param index           the concrete index; a rebuilt projection gets a new one
     * @param alias           what every read and write goes through, so an index can be swapped in
     * @param shards          primary shards of a newly created index
     * @param refreshInterval the background refresh of a newly created index; a search refreshes first
     *                        anyway when writes are not searchable yet ({@link IndexFreshness})
     * @param maxResultWindow the deepest {@code startIndex + count} a list request may reach; for
     *                        memberships and the audit trail, the size of one page read at a time
     */
    public record Index(String index, String alias, int shards, String refreshInterval, int maxResultWindow) {
    }
}
