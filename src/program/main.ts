// Entry point of the `landing-zone` Pulumi project (see Pulumi.yaml).
import { main } from "./landing-zone";

export = main();
