package dev.pushsim.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FieldMapTest {

  @Test
  void keepsInsertionOrder_andAReplacedKeyKeepsItsPlace() {
    FieldMap map = new FieldMap(2);
    map.put("status", 200);
    map.put("reason", "Success");
    map.put("detail", "first");
    assertThat(map.put("status", 410)).isEqualTo(200);

    assertThat(map).containsExactly(
        java.util.Map.entry("status", 410), java.util.Map.entry("reason", "Success"), java.util.Map.entry("detail", "first"));
  }

  @Test
  void keysWhoseHashesCollide_areToldApart() {
    assertThat("Aa".hashCode()).isEqualTo("BB".hashCode()); // the same bit of the key filter
    FieldMap map = new FieldMap(4);
    map.put("Aa", 1);
    map.put("BB", 2);
    map.put("Aa", 3);

    assertThat(map).hasSize(2).containsEntry("Aa", 3).containsEntry("BB", 2);
    assertThat(map.containsKey("BB")).isTrue();
    assertThat(map.get("Ab")).isNull();
  }

  @Test
  void aFrozenMapRefusesChanges() {
    FieldMap map = new FieldMap(1).freeze();
    assertThatThrownBy(() -> map.put("a", 1)).isInstanceOf(UnsupportedOperationException.class);
  }
}
