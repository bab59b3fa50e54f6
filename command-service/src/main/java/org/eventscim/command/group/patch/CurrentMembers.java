package org.eventscim.command.group.patch;

import java.util.Map;
import java.util.Set;

/** What a group has now, asked for no more than a patch needs: id → member type. */
public interface CurrentMembers {

    /** Which of {@code ids} are members now. */
    Map<String, String> among(Set<String> ids);

    /** Every member now: only for operations that concern all of them (replace, remove all, remove by filter). */
    Map<String, String> all();
}
