package org.eventscim.command.uniqueness;

/** Another user of the tenant already holds this userName. */
public class UserNameTakenException extends RuntimeException {

    public UserNameTakenException(String userName) {
        super("userName \"" + userName + "\" is already taken in this tenant.");
    }
}
