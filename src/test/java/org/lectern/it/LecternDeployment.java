package org.lectern.it;

import java.io.File;
import org.eu.ingwar.tools.arquillian.extension.suite.annotations.ArquillianSuiteDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.lectern.it.probe.AiProbe;
import org.lectern.it.probe.RowSecurityProbe;

/**
 * The one deployment of the integration-test run: the very war {@code mvn package} built, deployed
 * once to one Payara Micro and shared by every {@code *IT} class, plus test-only resources: {@link
 * RowSecurityProbe} runs unfiltered SQL to show what row-level security alone allows, {@link
 * AiProbe} calls the AI providers as the server configured them.
 */
@ArquillianSuiteDeployment
public class LecternDeployment {

  @Deployment(testable = false)
  public static WebArchive lectern() {
    return ShrinkWrap.createFromZipFile(
            WebArchive.class, new File(System.getProperty("lectern.it.war", "target/lectern.war")))
        .addClass(RowSecurityProbe.class)
        .addClass(AiProbe.class);
  }
}
