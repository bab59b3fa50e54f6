package org.eventscim.command.resource;

/** The client's If-Match names a version the resource no longer (or never) had. */
public class VersionMismatchException extends RuntimeException {

    public VersionMismatchException(long expected, long actual) {
        super("If-Match names version " + expected + " but the resource is at version " + actual + ".");
    }
}
