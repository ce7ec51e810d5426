package com.bsp.onboarding.provisioner.problem;

import com.bsp.onboarding.provisioner.problem.Problem.ProblemException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error of the ops API leaves as problem+json. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return e.problem().toResponse(uri.getPath());
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        return new Problem("urn:bsp-onboarding:problem:not-found", "Not found", 404, "No such resource.", null).toResponse(uri.getPath());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        return new Problem("urn:bsp-onboarding:problem:request-refused", "Request refused", status,
                "The request was refused (HTTP " + status + ").", null).toResponse(uri.getPath());
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        LOG.errorf("Unexpected %s on %s", e.getClass().getName(), uri.getPath());
        return new Problem("urn:bsp-onboarding:problem:internal-error", "Internal error", 500, "The request could not be completed.", null)
                .toResponse(uri.getPath());
    }
}
