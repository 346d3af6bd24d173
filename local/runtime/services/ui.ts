import { counted, createEnum, type EnumValue, type ExecutionEnv } from './env';

export interface UiFactory {
  create(): GoogleAppsScript.Base.Ui;
}

const BUTTON_NAMES = ['CLOSE', 'OK', 'CANCEL', 'YES', 'NO'] as const;
const BUTTON_SET_NAMES = ['OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL'] as const;

interface HtmlLike {
  getContent(): string;
  getTitle(): string;
  getWidth?(): number;
  getHeight?(): number;
}

/** The message Apps Script throws from getUi() where no editor is open (triggers, the OAuth callback). */
export const NO_UI_MESSAGE = 'Cannot call SpreadsheetApp.getUi() from this context.';

/** Creates SpreadsheetApp.getUi() for one execution; the dialogs, menus and sidebars are recorded in world.ui. */
export function createUiFactory(env: ExecutionEnv): UiFactory {
  const Button = createEnum(BUTTON_NAMES);
  const ButtonSet = createEnum(BUTTON_SET_NAMES);

  function dialogArguments(args: unknown[]): { title: string; message: string; buttons: string } {
    const buttonsIndex = args.findIndex((arg) => typeof arg === 'object' && arg !== null);
    const texts = (buttonsIndex < 0 ? args : args.slice(0, buttonsIndex)).map(String);
    const buttons = buttonsIndex < 0 ? 'OK' : String(args[buttonsIndex]);

    return texts.length >= 2 ? { title: texts[0]!, message: texts[1]!, buttons } : { title: '', message: texts[0] ?? '', buttons };
  }

  function html(output: HtmlLike, title?: string): { spreadsheetId: string | null; title: string; html: string; width?: number; height?: number } {
    const recorded = { spreadsheetId: env.spreadsheetId, title: title ?? output.getTitle(), html: output.getContent() };

    return output.getWidth === undefined ? recorded : { ...recorded, width: output.getWidth(), height: output.getHeight?.() ?? 0 };
  }

  function createMenu(title: string, addOn: boolean): object {
    const items: Array<{ caption: string; functionName: string } | { separator: true } | { subMenu: unknown }> = [];
    const menu = counted(env, 'Menu', {
      items,
      addItem: (caption: string, functionName: string) => {
        items.push({ caption: String(caption), functionName: String(functionName) });

        return menu;
      },
      addSeparator: () => {
        items.push({ separator: true });

        return menu;
      },
      addSubMenu: (subMenu: { items: unknown[]; title: string }) => {
        items.push({ subMenu: { title: subMenu.title, items: subMenu.items } });

        return menu;
      },
      addToUi: () => {
        env.call('ui.menu', [{ spreadsheetId: env.spreadsheetId, title, addOn, items }]);
      },
      title,
    });

    return menu;
  }

  function create(): GoogleAppsScript.Base.Ui {
    if (env.origin !== 'editor') throw env.realm.error('Exception', NO_UI_MESSAGE);

    const ui = counted(env, 'Ui', {
      Button,
      ButtonSet,
      createAddonMenu: () => createMenu('', true),
      createMenu: (caption: string) => createMenu(String(caption), false),
      alert: (...args: unknown[]): EnumValue => {
        const answer = env.call('ui.alert', [{ spreadsheetId: env.spreadsheetId, ...dialogArguments(args) }]) as keyof typeof Button;

        return Button[answer];
      },
      prompt: (...args: unknown[]) => {
        const answer = env.call('ui.prompt', [{ spreadsheetId: env.spreadsheetId, ...dialogArguments(args) }]) as { button: keyof typeof Button; text: string };

        return counted(env, 'PromptResponse', {
          getResponseText: () => answer.text,
          getSelectedButton: () => Button[answer.button],
        });
      },
      showSidebar: (output: HtmlLike) => {
        env.call('ui.sidebar', [html(output)]);
      },
      showModalDialog: (output: HtmlLike, title: string) => {
        env.call('ui.dialog', [{ ...html(output, String(title)), modal: true }]);
      },
      showModelessDialog: (output: HtmlLike, title: string) => {
        env.call('ui.dialog', [{ ...html(output, String(title)), modal: false }]);
      },
    });

    return ui as unknown as GoogleAppsScript.Base.Ui;
  }

  return { create };
}
