package org.eventscim.command.resource;

/** No resource with that id in the caller's tenant (another tenant's resource is indistinguishable from none). */
public class ResourceNotFoundException extends RuntimeException {

    public ResourceNotFoundException(String resourceType, String id) {
        super(resourceType + " " + id + " not found.");
    }
}
