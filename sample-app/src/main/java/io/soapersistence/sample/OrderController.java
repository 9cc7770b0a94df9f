package io.soapersistence.sample;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The REST API over the order dataset. Every handler returns a {@link CompletableFuture}: Spring MVC releases
 * the servlet container thread at once and writes the response when the persistence operation completes.
 * Errors are RFC 9457 problem details (see {@link ApiExceptionHandler}).
 */
@RestController
@RequestMapping("/orders")
public class OrderController {

    /** The most orders one {@code POST /orders/generate} may create. */
    static final int MAX_GENERATE = 1_000_000;

    private final OrderService service;

    /**
     * Creates the controller.
     *
     * @param service the order store
     */
    public OrderController(OrderService service) {
        this.service = service;
    }

    /**
     * Appends a non-empty JSON array of orders, all or none.
     *
     * @param requests the orders
     * @return the number appended and the new total
     */
    @PostMapping
    public CompletableFuture<OrderService.AppendResult> create(@RequestBody List<OrderRequest> requests) {
        return this.service.append(OrderValidator.validate(requests));
    }

    /**
     * Appends synthetic orders.
     *
     * @param count how many, 1 to 1,000,000
     * @param seed the random seed, for reproducible data; random when absent
     * @return the number appended and the new total
     */
    @PostMapping("/generate")
    public CompletableFuture<OrderService.AppendResult> generate(@RequestParam int count,
            @RequestParam(required = false) Long seed) {
        if (count < 1 || count > MAX_GENERATE) {
            throw badParameter("count", "must be between 1 and " + MAX_GENERATE + ", but was " + count);
        }
        return this.service.generate(count, seed != null ? seed : ThreadLocalRandom.current().nextLong());
    }

    /**
     * Counts the stored orders.
     *
     * @return {@code {"count": n}}
     */
    @GetMapping("/count")
    public CompletableFuture<Map<String, Long>> count() {
        return this.service.count().thenApply(count -> Map.of("count", count));
    }

    /**
     * Lists orders matching every given filter, in storage order.
     *
     * @param status an {@link OrderStatus} name
     * @param minAmount the smallest total amount
     * @param customerId the customer
     * @param from the earliest order timestamp, inclusive, as an ISO-8601 instant
     * @param to the latest order timestamp, exclusive, as an ISO-8601 instant
     * @param limit the most orders returned, 1 to 10,000, 100 by default
     * @return the orders
     */
    @GetMapping
    public CompletableFuture<List<Order>> find(@RequestParam(required = false) String status,
            @RequestParam(required = false) Double minAmount, @RequestParam(required = false) Long customerId,
            @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
            @RequestParam(defaultValue = "" + OrderQuery.DEFAULT_LIMIT) int limit) {
        if (limit < 1 || limit > OrderQuery.MAX_LIMIT) {
            throw badParameter("limit", "must be between 1 and " + OrderQuery.MAX_LIMIT + ", but was " + limit);
        }
        if (minAmount != null && !Double.isFinite(minAmount)) {
            throw badParameter("minAmount", "must be a finite number");
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw badParameter("from", "must not be after 'to'");
        }
        return this.service.find(new OrderQuery(parseStatus(status), minAmount, customerId, from, to, limit));
    }

    /**
     * Counts and sums the orders per status.
     *
     * @return the summary
     */
    @GetMapping("/summary")
    public CompletableFuture<OrderSummary> summary() {
        return this.service.summary();
    }

    /**
     * Removes every order.
     *
     * @return 204 No Content
     */
    @DeleteMapping
    public CompletableFuture<ResponseEntity<Void>> clear() {
        return this.service.clear().thenApply(done -> ResponseEntity.noContent().build());
    }

    private static OrderStatus parseStatus(String status) {
        if (status == null) {
            return null;
        }
        try {
            return OrderStatus.valueOf(status);
        }
        catch (IllegalArgumentException ex) {
            throw badParameter("status", "must be one of " + Arrays.toString(OrderStatus.values()));
        }
    }

    private static ErrorResponseException badParameter(String parameter, String message) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "Parameter '" + parameter + "' " + message + ".");
        problem.setProperty("parameter", parameter);
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }
}
