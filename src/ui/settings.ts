/**
 * Reads a `cln.*` setting the way the table in services/settings.ts says: a user-only setting from
 * the user settings alone (VS Code already ignores a workspace's value of an application-scoped
 * setting; reading `globalValue` also ignores a default another extension contributes through
 * `configurationDefaults`), every value bounded by `clampSetting`. Every adapter and every lazily
 * loaded bundle reads settings through this.
 */
import * as vscode from 'vscode';
import { clampSetting, isUserOnly, type SettingKey, type SettingValue } from '../services/settings';

export function clnSetting<K extends SettingKey>(key: K): SettingValue<K> {
  const config = vscode.workspace.getConfiguration('cln');
  const raw = isUserOnly(key) ? config.inspect(key)?.globalValue : config.get(key);
  return clampSetting(key, raw);
}
