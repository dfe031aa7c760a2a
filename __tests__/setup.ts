// cdktf's jest matchers (toHaveResourceWithProperties, toBeValidTerraform, …).
import { setupJest } from "../src/cdk/cdktf";

setupJest();
