package org.eventscim.events.group;

/**
 * One member of a group: the member's resource id and its resource type, {@code User} or {@code Group}.
 */
public record GroupMember(String value, String type) {

    public static final String USER = "User";
    public static final String GROUP = "Group";
}
