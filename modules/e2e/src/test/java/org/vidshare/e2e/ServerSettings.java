package org.vidshare.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The configuration overrides ({@code "key=value"}, keys of README.md, Configure) of the server that
 * {@link OneServerPerClass} starts for the annotated test class.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface ServerSettings {
    String[] value();
}
