package org.eventscim.bench;

/**
 * The requests of the soak's mix, as an IdP (Entra ID, Okta) sends them during steady provisioning, with the
 * share of the load each takes and the only status that counts as success.
 */
enum SoakKind {
    GET("get", 30, 200),
    FILTER("filter", 20, 200),
    PATCH("patch", 20, 200),
    MEMBER_ADD("member-add", 7, 204),
    MEMBER_REMOVE("member-remove", 7, 204),
    LIST("list", 6, 200),
    // Creates and deletes share one weight: a client creates while it has fewer users than its pool size and
    // deletes otherwise, so the data set keeps its size and the heap has no reason to grow.
    CREATE("create", 10, 201),
    DELETE("delete", 0, 204);

    private final String label;
    private final int weight;
    private final int expectedStatus;

    SoakKind(String label, int weight, int expectedStatus) {
        this.label = label;
        this.weight = weight;
        this.expectedStatus = expectedStatus;
    }

    String label() {
        return label;
    }

    int weight() {
        return weight;
    }

    int expectedStatus() {
        return expectedStatus;
    }
}
