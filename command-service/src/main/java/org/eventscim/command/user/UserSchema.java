package org.eventscim.command.user;

import org.eventscim.protocol.schema.ResourceReader;
import org.eventscim.protocol.schema.ResourceType;
import org.eventscim.protocol.schema.SchemaRegistry;

/** The User resource type of the one schema registry, as the command side reads request bodies with it. */
final class UserSchema {

    static final ResourceType TYPE = SchemaRegistry.standard().user();

    static final ResourceReader READER = new ResourceReader(TYPE);

    private UserSchema() {
    }
}
