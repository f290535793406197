package org.lectern.it;

import java.net.URL;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the black-box integration tests: the real application on Payara Micro (deployed once per
 * run, see {@link LecternDeployment}) called over HTTP with real tokens.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public abstract class ApiTestBase {

  @ArquillianResource protected URL baseUrl;

  protected Api api;
  protected Schools schools;

  @BeforeEach
  void connect() {
    api = new Api(baseUrl.toString());
    schools = new Schools(api);
  }
}
