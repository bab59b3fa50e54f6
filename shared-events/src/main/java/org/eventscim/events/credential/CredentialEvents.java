package org.eventscim.events.credential;

/**
 * Credential events are stored like resource events, on one stream per tenant: aggregate type
 * {@value #RESOURCE_TYPE}, aggregate id {@code credentials:<tenant>}.
 */
public final class CredentialEvents {

    public static final String RESOURCE_TYPE = "Credentials";

    private CredentialEvents() {
    }

    public static String streamId(String tenantId) {
        return "credentials:" + tenantId;
    }
}
