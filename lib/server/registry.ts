/**
 * @module
 * An ordered, keyed store of registered tools, prompts or resources, and the handles that
 * update, disable, enable and remove them. Every change is reported so lists can announce it.
 */

/**
 * What registering a tool, prompt, resource or template returns.
 *
 * @example
 * const handle = server.tool('echo', { inputSchema }, ({ text }) => text);
 * handle.disable(); // hidden from tools/list, calls fail as unknown; list_changed is sent
 * handle.update({ description: 'Echoes the text back' });
 * handle.remove();
 */
export interface RegisteredHandle<U> {
  /** Whether the item is listed and callable. */
  readonly enabled: boolean;
  /** Whether {@link RegisteredHandle.remove} has been called. */
  readonly removed: boolean;
  /** Changes the item in place (keeps its position in lists). */
  update(changes: U): void;
  /** Lists the item again. */
  enable(): void;
  /** Hides the item from lists and refuses it as if unknown. */
  disable(): void;
  /** Unregisters the item for good (its key may be registered again). */
  remove(): void;
}

/** A registry slot: the item, its key and whether it is enabled. */
interface Slot<E> {
  key: string;
  value: E;
  enabled: boolean;
}

/**
 * An insertion-ordered map of items whose every change calls `changed`.
 *
 * @example
 * const tools = new Registry<ToolEntry>('Tool', () => notifier.changed('tools'));
 * const handle = tools.add('echo', entry, (current, changes) => ({ value: { ...current, ...changes } }));
 */
export class Registry<E> {
  readonly #slots = new Map<string, Slot<E>>();
  readonly #what: string;
  readonly #changed: () => void;

  constructor(what: string, changed: () => void) {
    this.#what = what;
    this.#changed = changed;
  }

  /** How many items are registered, enabled or not. */
  get size(): number {
    return this.#slots.size;
  }

  /** The enabled item under `key`. */
  get(key: string): E | undefined {
    const slot = this.#slots.get(key);
    return slot?.enabled ? slot.value : undefined;
  }

  /** The enabled items, in registration order. */
  list(): E[] {
    const items: E[] = [];
    for (const slot of this.#slots.values()) if (slot.enabled) items.push(slot.value);
    return items;
  }

  /**
   * Registers `value` under `key` (a duplicate key throws) and returns its handle; `apply`
   * computes the item (and possibly a new key) from an update.
   */
  add<U>(key: string, value: E, apply: (current: E, changes: U) => { key?: string; value: E }): RegisteredHandle<U> {
    if (this.#slots.has(key)) throw new Error(`${this.#what} ${key} is already registered`);
    const slot: Slot<E> = { key, value, enabled: true };
    this.#slots.set(key, slot);
    this.#changed();
    let removed = false;
    const live = () => {
      if (removed) throw new Error(`${this.#what} ${slot.key} was removed`);
    };
    const setEnabled = (enabled: boolean) => {
      live();
      if (slot.enabled === enabled) return;
      slot.enabled = enabled;
      this.#changed();
    };
    return {
      get enabled() {
        return slot.enabled && !removed;
      },
      get removed() {
        return removed;
      },
      update: (changes) => {
        live();
        const next = apply(slot.value, changes);
        if (next.key !== undefined && next.key !== slot.key) this.#rekey(slot, next.key);
        slot.value = next.value;
        this.#changed();
      },
      enable: () => setEnabled(true),
      disable: () => setEnabled(false),
      remove: () => {
        if (removed) return;
        removed = true;
        this.#slots.delete(slot.key);
        this.#changed();
      },
    };
  }

  /** Moves `slot` to `key`, keeping its position. */
  #rekey(slot: Slot<E>, key: string): void {
    if (this.#slots.has(key)) throw new Error(`${this.#what} ${key} is already registered`);
    const entries = [...this.#slots.entries()].map(([k, s]): [string, Slot<E>] => (s === slot ? [key, s] : [k, s]));
    this.#slots.clear();
    for (const [k, s] of entries) this.#slots.set(k, s);
    slot.key = key;
  }
}
