package dev.pushsim.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a PushSim simulator for the annotated test class, declaratively: a fresh world for each test, or with
 * {@code perClass = true} one world for the class that is reset between tests. Tests take what they need as
 * parameters ({@link PushSimExtension} lists them).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(PushSimExtension.class)
public @interface PushSim {

  /** One simulator for the whole class, its devices, tokens, faults and journal scope reset before each test. */
  boolean perClass() default false;
}
