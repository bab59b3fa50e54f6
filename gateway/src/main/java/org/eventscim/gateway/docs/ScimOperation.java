package org.eventscim.gateway.docs;

import io.swagger.v3.oas.models.PathItem.HttpMethod;
import java.util.List;

/**
 * One row of the SCIM API's table ({@link ScimOperations}): what the spec needs to say about an operation
 * that the gateway forwards but does not implement itself.
 *
 * @param path        below {@code /scim/v2} (in {@link ScimOperations#AUDIT}: the full path); {@code {id}} and
 *                    {@code {name}} become path parameters
 * @param success     the status of a successful answer
 * @param body        the schema of the success body, or null when there is none
 * @param requestBody the schema of the request body, or null when there is none
 * @param parameters  names of shared query and header parameters ({@link ScimApiDocumentation#PARAMETERS})
 * @param errors      statuses this operation answers beyond those every operation may answer
 */
record ScimOperation(HttpMethod method, String path, String summary, int success, String body, String requestBody,
                     List<String> parameters, List<Integer> errors) {
}
