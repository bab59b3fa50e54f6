package org.eventscim.command.user;

import org.eventscim.protocol.schema.ResourceReader;
import org.eventscim.protocol.schema.SchemaRegistry;

/** The User resource type of the one schema registry, as the command side reads request bodies with it. */
final class UserSchema {

    static final ResourceReader READER = new ResourceReader(SchemaRegistry.standard().user());

    private UserSchema() {
    }
}
