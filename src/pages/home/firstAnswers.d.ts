/**
 * The home page's first answers: firstAnswers.h5.ts asks for them at launch in the browser, while the
 * page's own code is still on its way; firstAnswers.weapp.ts asks when the page loads.
 */
export type FirstAnswer = 'featured' | 'feed' | 'campaigns'
/** Asks for the home page's first answers now, when the shop opens on home. */
export declare function askHomeEarly(): void
/** The answer asked for at launch, taken once and only for the session it was asked in; else `ask()`. */
export declare function firstAnswer<T>(key: FirstAnswer, ask: () => Promise<T>): Promise<T>
/** The home page has drawn its featured products (or their failure): index.html's first screen, if any, gives way. */
export declare function homeDrawn(): void
