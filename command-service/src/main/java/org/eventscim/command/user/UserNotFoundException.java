package org.eventscim.command.user;

/** No user with that id in the caller's tenant (another tenant's user is indistinguishable from none). */
public class UserNotFoundException extends RuntimeException {

    public UserNotFoundException(String userId) {
        super("User " + userId + " not found.");
    }
}
