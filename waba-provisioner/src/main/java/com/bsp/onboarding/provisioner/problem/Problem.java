package com.bsp.onboarding.provisioner.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;

/** An RFC 9457 problem detail. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static ProblemException notFound(String detail) {
        return new ProblemException(new Problem("urn:bsp-onboarding:problem:not-found", "Not found", 404, detail, null));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(new Problem("urn:bsp-onboarding:problem:conflict", "Conflict", 409, detail, null));
    }

    public static ProblemException invalid(String detail) {
        return new ProblemException(new Problem("urn:bsp-onboarding:problem:invalid-parameters", "Invalid request parameters", 400,
                detail, null));
    }

    public Response toResponse(String instance) {
        return Response.status(status).type(MEDIA_TYPE).entity(new Problem(type, title, status, detail, instance)).build();
    }

    /** Thrown by services, answered as problem+json. */
    public static final class ProblemException extends RuntimeException {

        private final Problem problem;

        ProblemException(Problem problem) {
            super(problem.detail(), null, false, false);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }
}
