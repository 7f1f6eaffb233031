package io.livetasks.web;

import java.util.List;

/** A request body that is not JSON, not an object, or has fields of the wrong JSON type (HTTP 400). */
public class InvalidBodyException extends RuntimeException {

    private final transient List<Problem.FieldError> errors;

    public InvalidBodyException(String message, List<Problem.FieldError> errors) {
        super(message);
        this.errors = List.copyOf(errors);
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
