package com.bsp.onboarding.link.problem;

import com.bsp.onboarding.link.problem.Problem.FieldError;
import java.util.List;

/** A request broke one or more field rules; answered 400 with every broken rule named. */
public class InvalidParametersException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidParametersException(List<FieldError> errors) {
        super(errors.size() + " invalid field(s)", null, false, false);
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
