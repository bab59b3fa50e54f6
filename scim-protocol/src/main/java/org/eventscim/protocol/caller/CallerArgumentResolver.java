package org.eventscim.protocol.caller;

import jakarta.servlet.http.HttpServletRequest;
import org.eventscim.protocol.error.ScimException;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Lets controller methods take the verified {@link Caller} as a parameter. */
public class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return Caller.class.equals(parameter.getParameterType());
    }

    @Override
    public Caller resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                                  NativeWebRequest request, WebDataBinderFactory binderFactory) {
        Object caller = request.getNativeRequest(HttpServletRequest.class).getAttribute(CallerTokenFilter.ATTRIBUTE);
        if (caller == null) {
            throw ScimException.unauthorized("Requests must come through the gateway.");
        }
        return (Caller) caller;
    }
}
