// The multi-language component provider. The Pulumi CLI starts it through package.json `main`
// (src/provider/plugin.cjs, which runs this file's build); `componentProviderHost` serves
// GetSchema and Construct over gRPC.
import { componentProviderHost } from "@pulumi/pulumi/provider/experimental";
import { installAnalyzerExtensions } from "./analyzer";
import { COMPONENTS, PACKAGE_NAME } from "./components";
import { PACKAGE_DIR } from "./schema";

installAnalyzerExtensions();
void componentProviderHost({ name: PACKAGE_NAME, dirname: PACKAGE_DIR, components: Object.values(COMPONENTS) });
