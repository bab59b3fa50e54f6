package org.eventscim.command.group;

import org.eventscim.protocol.schema.ResourceReader;
import org.eventscim.protocol.schema.SchemaRegistry;

/** The Group resource type of the one schema registry, as the command side reads request bodies with it. */
final class GroupSchema {

    static final ResourceReader READER = new ResourceReader(SchemaRegistry.standard().group());

    private GroupSchema() {
    }
}
