/**
 * The engine's one `import()` of a module its bundle does not hold (a package left out of it, a
 * foreign source). scripts/launch.mjs runs the bundle compiled with a V8 code cache, and on
 * node 20 an `import()` in a function compiled from that cache fails
 * (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING: V8 drops the script's host-defined options when it
 * deserialises): so the launcher hands over an `import()` of its own module, which node loads as
 * any ES module. Under tsx or vitest (no launcher) it is plain `import()`.
 */
type Importer = (specifier: string) => Promise<unknown>;

let importer: Importer = (specifier) => import(specifier);

/** Called by the launcher's bundle entry, before the command runs. */
export function useLauncherImport(launcherImport: Importer): void {
  importer = launcherImport;
}

/** `import(specifier)`: a package name or a file URL, never a relative path. */
export const dynamicImport = <T = Record<string, unknown>>(specifier: string): Promise<T> =>
  importer(specifier) as Promise<T>;
