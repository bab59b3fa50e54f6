package org.eventscim.command.resource;

/** The client's If-Match names a version the resource no longer (or never) had. */
public class VersionMismatchException extends RuntimeException {

    public VersionMismatchException(IfMatch ifMatch, long actual) {
        super("If-Match names " + ifMatch + " but the resource is at W/\"" + actual + "\".");
    }
}
