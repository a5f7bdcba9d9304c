import { expect, it } from "vitest";
import { STATE_FILTERS as API_FILTERS } from "../lib/environments/state-filter";
import { STATE_FILTERS } from "./states";

it("offers exactly the API's state filters, in the page's order", () => {
  expect(STATE_FILTERS).toEqual(API_FILTERS);
});
