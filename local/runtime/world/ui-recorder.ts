/** Buttons of Apps Script's Ui.Button enum that a queued response can select. */
export type PromptButton = 'OK' | 'CANCEL' | 'CLOSE' | 'YES' | 'NO';

export interface RecordedMenu {
  spreadsheetId: string | null;
  title: string;
  items: Array<{ caption: string; functionName: string } | { separator: true }>;
}

export interface RecordedHtml {
  spreadsheetId: string | null;
  title: string;
  html: string;
  width?: number;
  height?: number;
}

export interface RecordedDialog {
  spreadsheetId: string | null;
  title: string;
  message: string;
  buttons: string;
}

/**
 * Record of the editor UI shown during executions (toasts, alerts, prompts, sidebars, dialogs,
 * menus), and the responses a test queued for the next prompts and alerts.
 */
export class UiRecorder {
  readonly toasts: Array<{ spreadsheetId: string; message: string; title: string; timeoutSeconds: number }> = [];
  readonly alerts: Array<RecordedDialog & { answer: string }> = [];
  readonly prompts: Array<RecordedDialog & { answer: string; text: string }> = [];
  readonly sidebars: RecordedHtml[] = [];
  readonly dialogs: RecordedHtml[] = [];
  readonly menus: RecordedMenu[] = [];
  private readonly promptAnswers: Array<{ button: PromptButton; text: string }> = [];
  private readonly alertAnswers: PromptButton[] = [];

  queuePromptResponse(response: { button: PromptButton; text?: string }): void {
    this.promptAnswers.push({ button: response.button, text: response.text ?? '' });
  }

  queueAlertResponse(button: PromptButton): void {
    this.alertAnswers.push(button);
  }

  /** Records a prompt and returns the next queued answer; throws when the test queued none. */
  answerPrompt(dialog: RecordedDialog): { button: PromptButton; text: string } {
    const answer = this.promptAnswers.shift();

    if (answer === undefined) {
      throw new Error(
        `Ui.prompt("${dialog.title}", "${preview(dialog.message)}") was shown but no response is queued: call world.ui.queuePromptResponse({ button, text }) before the execution.`,
      );
    }

    this.prompts.push({ ...dialog, answer: answer.button, text: answer.text });

    return answer;
  }

  /** Records an alert and returns the queued button; throws when the test queued none, even for an OK-only alert. */
  answerAlert(dialog: RecordedDialog): PromptButton {
    const answer = this.alertAnswers.shift();

    if (answer === undefined) {
      throw new Error(
        `Ui.alert("${dialog.title}", "${preview(dialog.message)}") with buttons ${dialog.buttons} was shown but no response is queued: call world.ui.queueAlertResponse(button) before the execution.`,
      );
    }

    this.alerts.push({ ...dialog, answer });

    return answer;
  }
}

/** Shortens a dialog message for an error text. */
function preview(message: string): string {
  const PREVIEW_MAX_CHARACTERS = 300;

  return message.length > PREVIEW_MAX_CHARACTERS ? `${message.slice(0, PREVIEW_MAX_CHARACTERS)}...` : message;
}
