package org.lectern.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The package order and the rules that keep capabilities apart, as a test: a wrong import fails the
 * build instead of waiting for a review. The order, from the bottom: {@link #LAYERS}.
 */
class LayeringTest {

  /**
   * Each package may use only those before it. {@code launcher} stands apart: it starts Payara
   * Micro and the database and shares no code with the application.
   */
  static final List<String> LAYERS =
      List.of(
          "platform",
          "context",
          "tenancy",
          "audit",
          "access",
          "identity",
          "approval",
          "media",
          "content",
          "classroom",
          "learning",
          "assessment",
          "community",
          "publishing",
          "ai",
          "operations");

  static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.lectern");

  @Test
  void eachPackageUsesOnlyThePackagesBelowIt() {
    LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
    for (String layer : LAYERS) {
      layers = layers.layer(layer).definedBy("org.lectern." + layer + "..");
    }
    layers = layers.layer("launcher").definedBy("org.lectern.launcher..");
    for (int i = 0; i < LAYERS.size(); i++) {
      List<String> above = LAYERS.subList(i + 1, LAYERS.size());
      layers =
          above.isEmpty()
              ? layers.whereLayer(LAYERS.get(i)).mayNotBeAccessedByAnyLayer()
              : layers
                  .whereLayer(LAYERS.get(i))
                  .mayOnlyBeAccessedByLayers(above.toArray(String[]::new));
    }
    layers = layers.whereLayer("launcher").mayNotBeAccessedByAnyLayer();
    layers.check(CLASSES);
  }

  @Test
  void launcherUsesNoApplicationCode() {
    noClasses()
        .that()
        .resideInAPackage("org.lectern.launcher..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            LAYERS.stream().map(l -> "org.lectern." + l + "..").toArray(String[]::new))
        .check(CLASSES);
  }

  @Test
  void packagesHaveNoCycles() {
    slices().matching("org.lectern.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void resourcesNeverTouchTheDatabase() {
    noClasses()
        .that()
        .areAnnotatedWith(Path.class)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("jakarta.persistence..", "java.sql..", "javax.sql..")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("org.lectern.tenancy.TenantEntityManager")
        .because("resources are adapters: the services own queries and transactions")
        .check(CLASSES);
  }

  @Test
  void onlyAccessControlDecidesAccess() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.lectern.access..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.casbin..")
        .because("jCasbin is asked by AccessControl alone")
        .check(CLASSES);
    noClasses()
        .that()
        .resideInAnyPackage(
            "org.lectern.approval..",
            "org.lectern.media..",
            "org.lectern.content..",
            "org.lectern.classroom..",
            "org.lectern.learning..",
            "org.lectern.assessment..",
            "org.lectern.community..",
            "org.lectern.publishing..",
            "org.lectern.ai..",
            "org.lectern.operations..")
        .should()
        .callMethod(org.lectern.context.Caller.class, "isPlatform")
        .orShould()
        .callMethod(org.lectern.context.Caller.class, "isSuperAdmin")
        .orShould()
        .callMethod(org.lectern.context.Caller.class, "platformRoles")
        .because("who may do what is AccessControl's to say, not a branch in a service")
        .check(CLASSES);
  }

  /**
   * No two beans inject each other, directly or around a loop: such a cycle means two capabilities
   * (or two halves of one) each need the other, and one of them should publish an event or expose a
   * narrow interface instead. {@code Instance<...>} lookups are the explicit way to reach
   * implementations of an interface a lower package defines, and are not followed.
   */
  @Test
  void beansDoNotInjectEachOtherInACycle() {
    Map<JavaClass, Set<JavaClass>> injects = new HashMap<>();
    for (JavaClass bean : CLASSES) {
      for (JavaField field : bean.getAllFields()) {
        if (field.isAnnotatedWith(Inject.class)
            && !field.getRawType().isEquivalentTo(Instance.class)
            && field.getRawType().getPackageName().startsWith("org.lectern")) {
          injects
              .computeIfAbsent(bean, b -> new LinkedHashSet<>())
              .addAll(implementationsOf(field.getRawType()));
        }
      }
    }
    List<String> cycles = new ArrayList<>();
    Set<JavaClass> done = new HashSet<>();
    for (JavaClass start : injects.keySet()) {
      findCycle(start, injects, new ArrayDeque<>(), new HashSet<>(), done, cycles);
    }
    assertEquals(List.of(), cycles, "bean injection cycles");
  }

  private static Set<JavaClass> implementationsOf(JavaClass type) {
    if (!type.isInterface()) {
      return Set.of(type);
    }
    Set<JavaClass> out = new LinkedHashSet<>();
    for (JavaClass c : CLASSES) {
      if (!c.isInterface() && c.isAssignableTo(type.getName())) {
        out.add(c);
      }
    }
    return out;
  }

  private static void findCycle(
      JavaClass bean,
      Map<JavaClass, Set<JavaClass>> injects,
      Deque<JavaClass> path,
      Set<JavaClass> onPath,
      Set<JavaClass> done,
      List<String> cycles) {
    if (onPath.contains(bean)) {
      List<String> loop = new ArrayList<>();
      boolean in = false;
      for (JavaClass c : (Iterable<JavaClass>) path::descendingIterator) {
        in |= c.equals(bean);
        if (in) {
          loop.add(c.getSimpleName());
        }
      }
      loop.add(bean.getSimpleName());
      cycles.add(String.join(" -> ", loop));
      return;
    }
    if (!done.add(bean)) {
      return;
    }
    path.push(bean);
    onPath.add(bean);
    for (JavaClass next : injects.getOrDefault(bean, Set.of())) {
      findCycle(next, injects, path, onPath, done, cycles);
    }
    onPath.remove(bean);
    path.pop();
  }
}
