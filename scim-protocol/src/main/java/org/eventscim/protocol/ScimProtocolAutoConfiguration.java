package org.eventscim.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.List;
import org.apache.catalina.core.StandardHost;
import org.eventscim.protocol.caller.CallerArgumentResolver;
import org.eventscim.protocol.caller.CallerTokenCodec;
import org.eventscim.protocol.caller.CallerTokenFilter;
import org.eventscim.protocol.error.MethodsNotAllowed;
import org.eventscim.protocol.error.ScimErrorAdvice;
import org.eventscim.protocol.error.ScimErrorController;
import org.eventscim.protocol.error.ScimErrorReportValve;
import org.eventscim.protocol.error.UnsupportedEndpoints;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Gives every service the same SCIM error handling and caller-token verification. */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
public class ScimProtocolAutoConfiguration implements WebMvcConfigurer {

    @Bean
    ScimErrorAdvice scimErrorAdvice() {
        return new ScimErrorAdvice();
    }

    @Bean
    ScimErrorController scimErrorController() {
        return new ScimErrorController();
    }

    @Bean
    UnsupportedEndpoints unsupportedEndpoints() {
        return new UnsupportedEndpoints();
    }

    @Bean
    MethodsNotAllowed methodsNotAllowed() {
        return new MethodsNotAllowed();
    }

    @Bean
    CallerTokenCodec callerTokenCodec(@Value("${scim.internal.secret:}") String secret) {
        return new CallerTokenCodec(secret, Clock.systemUTC());
    }

    @Bean
    @ConditionalOnProperty(name = "scim.internal.verify-callers", matchIfMissing = true)
    FilterRegistrationBean<CallerTokenFilter> callerTokenFilter(CallerTokenCodec codec, ObjectMapper json) {
        FilterRegistrationBean<CallerTokenFilter> registration =
                new FilterRegistrationBean<>(new CallerTokenFilter(codec, json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** Requests Tomcat refuses before any servlet runs get a SCIM error body too. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> scimErrorReports() {
        return factory -> factory.addContextCustomizers(context ->
                ((StandardHost) context.getParent()).setErrorReportValveClass(ScimErrorReportValve.class.getName()));
    }

    /** Request bodies are read strictly (see {@link StrictJson}). */
    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        for (HttpMessageConverter<?> converter : converters) {
            if (converter instanceof MappingJackson2HttpMessageConverter jackson) {
                jackson.setObjectMapper(StrictJson.of(jackson.getObjectMapper()));
            }
        }
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerArgumentResolver());
    }
}
