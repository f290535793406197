package org.lectern.access;

import com.googlecode.aviator.runtime.function.FunctionUtils;
import com.googlecode.aviator.runtime.type.AviatorBoolean;
import com.googlecode.aviator.runtime.type.AviatorObject;
import java.util.Map;
import org.casbin.jcasbin.util.function.CustomFunction;
import org.lectern.access.condition.Attributes;
import org.lectern.access.condition.Condition;

/**
 * The matcher's {@code abac(p.cond, r.res)}: true for a plain grant (no condition), else whether
 * the named ResourcePolicy's parsed conditions hold for the request's attributes. Each tenant's
 * enforcer has its own instance, bound to that tenant's rules only.
 */
final class AbacFunction extends CustomFunction {

  private final Map<String, Condition> conditions;

  AbacFunction(Map<String, Condition> conditions) {
    this.conditions = Map.copyOf(conditions);
  }

  @Override
  public String getName() {
    return "abac";
  }

  @Override
  public AviatorObject call(Map<String, Object> env, AviatorObject cond, AviatorObject res) {
    String key = FunctionUtils.getStringValue(cond, env);
    if (key == null || key.isEmpty()) {
      return AviatorBoolean.TRUE;
    }
    Condition condition = conditions.get(key);
    Object attributes = res.getValue(env);
    return AviatorBoolean.valueOf(
        condition != null && attributes instanceof Attributes a && condition.test(a));
  }
}
