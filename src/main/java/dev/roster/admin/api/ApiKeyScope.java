package dev.roster.admin.api;

import dev.roster.apikeys.boundary.Scope;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The scope an API key needs to call the resource. A resource without it is for admin accounts only
 * ({@link AdminScopeFilter}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ApiKeyScope {
  Scope value();
}
