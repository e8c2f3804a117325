// Entry point of the multi-language component package (PulumiPlugin.yaml `main`). The Pulumi
// CLI starts it as a plugin; `componentProviderHost` serves GetSchema and Construct over gRPC.
import { componentProviderHost } from "@pulumi/pulumi/provider/experimental";
import { installAnalyzerExtensions } from "./analyzer";
import { COMPONENTS, PACKAGE_NAME } from "./components";
import { PACKAGE_DIR } from "./schema";

installAnalyzerExtensions();
void componentProviderHost({ name: PACKAGE_NAME, dirname: PACKAGE_DIR, components: Object.values(COMPONENTS) });
