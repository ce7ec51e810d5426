package com.bsp.onboarding.http.problem;

/** Ends a request with its problem; {@link ProblemMappers} answers it, at the request's path. */
public class ProblemException extends RuntimeException {

    private final Problem problem;

    public ProblemException(Problem problem) {
        // No stack trace: this is an answer, not a fault.
        super(problem.type() + ": " + problem.title(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
