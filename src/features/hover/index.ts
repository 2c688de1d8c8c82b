/** The hover on IPs and keys in any file: what the account's cache holds about them (no request). */
import * as vscode from 'vscode';
import type { Feature } from '../../ui/feature';
import { clnSetting } from '../../ui/settings';
import { hoverAt } from './hover';

export const hover: Feature = ({ context }) => ({
  disposables: [
    vscode.languages.registerHoverProvider([{ scheme: 'file' }, { scheme: 'untitled' }], {
      provideHover: (document, position) => {
        // Only words long enough to be an IP or a key are looked up; the hover itself reads the cache only.
        const range = clnSetting('hover.enabled') && context.session.account && document.getWordRangeAtPosition(position, /[\w:.%-]{7,}/);
        return range ? hoverAt(context.session, document.getText(range), range) : undefined;
      },
    }),
  ],
});
