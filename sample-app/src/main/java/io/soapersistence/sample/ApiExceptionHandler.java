package io.soapersistence.sample;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.soapersistence.PersistenceException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Renders every error of the API as RFC 9457 problem details ({@code application/problem+json}). Spring MVC's
 * own exceptions (missing or mistyped parameters, wrong methods and media types) keep the framework's
 * rendering; this class adds the application's:
 * <ul>
 * <li>invalid orders: 400 with an {@code errors} array of {@code index}, {@code field}, {@code pointer} (RFC 6901)
 * and {@code message};</li>
 * <li>unreadable JSON: 400 naming the position in the body where reading failed;</li>
 * <li>a body over {@code sample.max-request-size}: 413;</li>
 * <li>a persistence failure: 500 with the library's description of the problem.</li>
 * </ul>
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    @ExceptionHandler
    ResponseEntity<Object> invalidOrders(InvalidOrdersException ex, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
        problem.setTitle("Invalid orders");
        problem.setProperty("errors", ex.violations().stream().map(ApiExceptionHandler::error).toList());
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    @ExceptionHandler
    ResponseEntity<Object> tooLarge(RequestSizeLimitFilter.RequestTooLargeException ex, WebRequest request) {
        ProblemDetail problem = RequestSizeLimitFilter.problem(ex.limit());
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.CONTENT_TOO_LARGE, request);
    }

    @ExceptionHandler
    ResponseEntity<Object> persistenceFailure(PersistenceException ex, WebRequest request) {
        this.logger.error("Persistence operation failed", ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, ex.problem());
        problem.setTitle("Persistence failure");
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        RequestSizeLimitFilter.RequestTooLargeException tooLarge = cause(ex,
                RequestSizeLimitFilter.RequestTooLargeException.class);
        if (tooLarge != null) {
            return tooLarge(tooLarge, request);
        }
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
        problem.setTitle("Unreadable request body");
        JacksonException json = cause(ex, JacksonException.class);
        List<JacksonException.Reference> path = (json != null) ? json.getPath() : List.of();
        if (path.isEmpty()) {
            problem.setDetail("The request body must be a non-empty JSON array of orders.");
        }
        else {
            StringBuilder pointer = new StringBuilder();
            Integer index = null;
            String field = null;
            for (JacksonException.Reference reference : path) {
                if (reference.getPropertyName() != null) {
                    field = reference.getPropertyName();
                    pointer.append('/').append(field);
                }
                else {
                    index = (index == null) ? reference.getIndex() : index;
                    pointer.append('/').append(reference.getIndex());
                }
            }
            String expected = (json instanceof MismatchedInputException mismatch)
                    ? describe(mismatch.getTargetType()) : "valid JSON";
            String message = "must be " + expected;
            problem.setDetail("The value at " + pointer + " " + message + "; nothing was written.");
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("index", index);
            error.put("field", field);
            error.put("pointer", pointer.toString());
            error.put("message", message);
            problem.setProperty("errors", List.of(error));
        }
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    private static Map<String, Object> error(InvalidOrdersException.Violation violation) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("index", violation.index());
        error.put("field", violation.field());
        error.put("pointer", violation.pointer());
        error.put("message", violation.message());
        return error;
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "valid JSON";
        }
        if (type == Long.class || type == Integer.class || type == long.class || type == int.class) {
            return "an integer";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a JSON array of orders";
        }
        return "an order object";
    }

    private static <E extends Throwable> E cause(Throwable ex, Class<E> type) {
        for (Throwable t = ex; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
