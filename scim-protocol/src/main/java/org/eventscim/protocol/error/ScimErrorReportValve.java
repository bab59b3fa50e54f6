package org.eventscim.protocol.error;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.eventscim.protocol.ScimMediaType;

/**
 * Tomcat answers some requests before any servlet sees them: a request line or headers over the size
 * limit, a malformed URI. Its default page is HTML; this valve writes a SCIM error body instead, so a
 * client always gets the error format RFC 7644 §3.12 promises.
 */
public class ScimErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String detail = status == 400 ? "The request is malformed or its request line or headers are too long."
                : "The request could not be processed.";
        try {
            response.setContentType(ScimMediaType.APPLICATION_SCIM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"" + status
                        + "\",\"detail\":\"" + detail + "\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException ignored) {
            // The connection is gone or the response already committed: nothing more can be said.
        }
    }
}
