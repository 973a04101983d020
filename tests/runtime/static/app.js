console.log("retort");
