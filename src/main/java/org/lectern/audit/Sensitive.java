package org.lectern.audit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An entity field whose value never enters the audit trail (password hashes, secrets). A change to
 * it is still recorded, as {@value AuditState#MASK} before and after, so "the password was changed"
 * stays visible without the password.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Sensitive {}
