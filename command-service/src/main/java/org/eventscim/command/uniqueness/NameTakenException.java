package org.eventscim.command.uniqueness;

/** Another resource of the tenant already holds this unique name (a userName, a group displayName). */
public class NameTakenException extends RuntimeException {

    public NameTakenException(String attribute, String name) {
        super(attribute + " \"" + name + "\" is already taken in this tenant.");
    }
}
