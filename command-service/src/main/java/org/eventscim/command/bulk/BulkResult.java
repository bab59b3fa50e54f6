package org.eventscim.command.bulk;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.eventscim.protocol.error.ScimError;
import org.eventscim.protocol.error.ScimException;

/**
 * One entry of the bulk response's {@code Operations} (RFC 7644 §3.7): the status as a string, as in the
 * RFC's examples; {@code location} of the resource written (absent for a POST that failed);
 * {@code version} its new entity tag; {@code response} the SCIM error of a failed operation.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record BulkResult(@JsonIgnore int index, String method, String bulkId, String location, String version,
                  String status, ScimError response) {

    static BulkResult succeeded(BulkOperation operation, int status, String location, String version) {
        return new BulkResult(operation.index(), operation.method(), operation.bulkId(), location, version,
                Integer.toString(status), null);
    }

    static BulkResult failed(BulkOperation operation, String location, ScimException failure) {
        return new BulkResult(operation.index(), operation.method(), operation.bulkId(), location, null,
                Integer.toString(failure.status().value()), failure.toBody());
    }
}
