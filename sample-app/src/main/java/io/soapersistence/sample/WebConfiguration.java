package io.soapersistence.sample;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Servlet-level settings of the sample. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    /** Early in the chain, so that no other filter reads an oversized body first. */
    static final int REQUEST_SIZE_LIMIT_ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(SampleProperties properties) {
        FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(
                new RequestSizeLimitFilter(properties.maxRequestSize().toBytes()));
        registration.setOrder(REQUEST_SIZE_LIMIT_ORDER);
        return registration;
    }
}
