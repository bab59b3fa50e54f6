package org.eventscim.query.index;

import java.util.List;

/**
 * The indexes the projection of users, groups and memberships writes to, by name: the aliases for the live
 * projection, concrete new indexes for a rebuild.
 *
 * @param users       users index or alias
 * @param groups      groups index or alias
 * @param memberships memberships index or alias
 */
public record ReadModelIndexes(String users, String groups, String memberships) {

    /** The aliases every read and live write goes through. */
    public static ReadModelIndexes aliasesOf(ReadModels readModels) {
        return new ReadModelIndexes(readModels.users().alias(), readModels.groups().alias(),
                readModels.memberships().alias());
    }

    public List<String> all() {
        return List.of(users, groups, memberships);
    }
}
